# Machines numbered by their place in a hash, the address taken from the index.
cluster = {
  "etcd"   => { mem: 1024 },
  "master" => { mem: 2048 },
  "node"   => { mem: 1536 },
}

Vagrant.configure("2") do |config|
  config.vm.box = "debian/bookworm64"

  cluster.each_with_index do |(name, cfg), i|
    config.vm.define name do |m|
      m.vm.hostname = name
      m.vm.network :private_network, ip: "10.240.0.#{10 + i}"
      m.vm.provider :libvirt do |lv|
        lv.memory = cfg[:mem]
      end
    end
  end
end
