N = 2
subnet = "172.28.0"

Vagrant.configure("2") do |config|
  config.vm.box = "debian/bookworm64"

  N.times do |i|
    name = "node-%02d" % (i + 1)
    config.vm.define name do |node|
      node.vm.hostname = name
      node.vm.network "private_network", ip: "#{subnet}.#{100 + i}", netmask: "255.255.255.0"
      node.vm.provision "shell", inline: <<~SHELL
        echo "#{name}" > /etc/node-name
        echo 'literal \#{braces} and ${HOME} stay' >> /etc/node-name
      SHELL
    end
  end

  %w[alpha beta].each do |role|
    config.vm.define role, autostart: false do |m|
      m.vm.hostname = role.upcase
    end
  end
end
