workers = (1..2).map { |i| "worker-#{i}" }

Vagrant.configure("2") do |config|
  config.vm.box = "generic/ubuntu2204"
  config.vm.define "master", primary: true do |m|
    m.vm.hostname = "master"
  end
  workers.each do |w|
    config.vm.define w do |node|
      node.vm.hostname = w
    end
  end
end
